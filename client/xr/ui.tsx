import type { ThreeEvent } from "@react-three/fiber";
import { Container, Text } from "@react-three/uikit";
import type { Container as VanillaContainer } from "@pmndrs/uikit";
import { type ReactNode, useLayoutEffect, useRef } from "react";

/**
 * The in-VR interface, laid out by @react-three/uikit (flexbox with yoga, MSDF text shipped with
 * the package): text wraps instead of shrinking, rows wrap instead of overlapping. Lengths are
 * uikit pixels; in VR one pixel is a millimetre.
 */
export const XR_PIXEL = 0.001;

export type XRTone = "normal" | "active" | "disabled" | "danger" | "calm";

const BACKGROUND: Record<XRTone, string> = {
  normal: "#282232",
  active: "#8c6428",
  disabled: "#3c3842",
  danger: "#6e2c26",
  calm: "#28465a",
};
const HOVER: Record<XRTone, string> = {
  normal: "#3c3448",
  active: "#a47834",
  disabled: "#3c3842",
  danger: "#86382f",
  calm: "#345a72",
};
const TEXT = "#fdf6ec";
const ACCENT = "#f2a65a";

export interface XRButtonProps {
  label: string;
  onPress: () => void;
  tone?: XRTone;
  /** A fixed width in pixels (mm); otherwise the label's own width. */
  width?: number;
}

/** Names a uikit component's object, so the e2e hook finds it as it finds any object in the scene. */
function useObjectName(name: string) {
  const ref = useRef<VanillaContainer>(null);
  useLayoutEffect(() => {
    if (ref.current) ref.current.name = name;
  }, [name]);
  return ref;
}

/** A button: pressed by a controller's or a hand's ray (pmndrs/xr pointers), or a mouse in the emulator. */
export function XRButton({ label, onPress, tone = "normal", width }: XRButtonProps) {
  const ref = useObjectName(`xr-button:${label}`);
  const press = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (tone !== "disabled") onPress();
  };
  return (
    <Container
      ref={ref}
      width={width}
      minHeight={52}
      paddingX={16}
      paddingY={10}
      borderRadius={12}
      backgroundColor={BACKGROUND[tone]}
      hover={{ backgroundColor: HOVER[tone] }}
      cursor={tone === "disabled" ? undefined : "pointer"}
      justifyContent="center"
      alignItems="center"
      onClick={press}
    >
      <Text fontSize={22} color={tone === "disabled" ? "#9a93a0" : TEXT} textAlign="center">
        {label}
      </Text>
    </Container>
  );
}

/** A panel floating in the scene: a column of headings, text and rows. */
export function XRPanel({
  children,
  width,
  name,
  position,
  rotation,
  anchorY = "center",
}: {
  children: ReactNode;
  width: number;
  name: string;
  position?: [number, number, number];
  rotation?: [number, number, number];
  /** Which edge of the panel sits at its position: "top" hangs it down from there. */
  anchorY?: "top" | "center" | "bottom";
}) {
  return (
    <group position={position} rotation={rotation} name={name}>
      <Container
        pixelSize={XR_PIXEL}
        anchorY={anchorY}
        width={width}
        flexDirection="column"
        alignItems="stretch"
        gap={10}
        padding={18}
        borderRadius={18}
        backgroundColor="#181420f0"
      >
        {children}
      </Container>
    </group>
  );
}

/** A row of buttons that wraps onto further lines rather than overlapping. */
export function XRRow({ children }: { children: ReactNode }) {
  return (
    <Container flexDirection="row" flexWrap="wrap" justifyContent="center" gap={8}>
      {children}
    </Container>
  );
}

export function XRHeading({ children }: { children: string }) {
  return (
    <Text fontSize={30} fontWeight="bold" color={ACCENT}>
      {children}
    </Text>
  );
}

export function XRLine({ children, muted = false }: { children: string; muted?: boolean }) {
  return (
    <Text fontSize={22} lineHeight="140%" color={muted ? "#b9b0a4" : TEXT}>
      {children}
    </Text>
  );
}
