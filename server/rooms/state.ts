import { MapSchema, Schema, type } from "@colyseus/schema";

/** A quantised pose (see shared/pose-codec.ts): millimetres and a packed quaternion. */
export class PoseState extends Schema {
  @type("int16") x = 0;
  @type("int16") y = 0;
  @type("int16") z = 0;
  @type("uint32") q = 0;
}

export class Participant extends Schema {
  @type("string") id = "";
  @type("string") pseudonym = "";
  @type("string") role = "participant";
  @type("uint8") seat = 0;
  @type("string") color = "";
  @type(PoseState) head = new PoseState();
  @type(PoseState) leftHand = new PoseState();
  @type(PoseState) rightHand = new PoseState();
  /** False for desktop users: their avatar's hands rest in the lap. */
  @type("boolean") handsTracked = false;
  @type("boolean") muted = false;
  @type("boolean") handRaised = false;
  @type("boolean") away = false;
  /** False while a dropped connection may still come back. */
  @type("boolean") connected = true;
}

export class CircleState extends Schema {
  @type("string") circleId = "";
  @type("string") title = "";
  @type("uint8") capacity = 12;
  @type("string") phase = "arrival";
  @type({ map: Participant }) participants = new MapSchema<Participant>();
}
