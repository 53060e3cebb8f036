import { describe, expect, it } from "vitest";
import {
  describePersonalDetails,
  findPersonalDetails,
  type PersonalDetailKind,
} from "../../shared/personal-details.ts";

/** One row per format the guard promises to catch (shared/personal-details.ts lists them). */
const CAUGHT: [string, PersonalDetailKind, string][] = [
  // email
  ["write to me at john.smith@example.org", "email", "john.smith@example.org"],
  ["dave+circle@mail.co.uk is best", "email", "dave+circle@mail.co.uk"],
  ["it's jo at gmail dot com", "email", "jo at gmail dot com"],
  ["jo [at] gmail [dot] com", "email", "jo [at] gmail [dot] com"],
  // phone
  ["call me on +44 7700 900123 any time", "phone", "+44 7700 900123"],
  ["my mobile is 07700 900123", "phone", "07700 900123"],
  ["(555) 123-4567 after six", "phone", "(555) 123-4567"],
  ["555-123-4567", "phone", "555-123-4567"],
  ["555.123.4567", "phone", "555.123.4567"],
  ["06 12 34 56 78", "phone", "06 12 34 56 78"],
  ["0151 23456789", "phone", "0151 23456789"],
  ["+1-202-555-0143", "phone", "+1-202-555-0143"],
  ["0044 20 7946 0018", "phone", "0044 20 7946 0018"],
  ["text 07700900123", "phone", "07700900123"],
  // address
  ["I live at 221B Baker Street, come by", "address", "221B Baker Street"],
  ["10 Downing St.", "address", "10 Downing St."],
  ["we're at 42 maple avenue now", "address", "42 maple avenue"],
  ["3 Rose Close", "address", "3 Rose Close"],
  ["12 rue de Rivoli", "address", "12 rue de Rivoli"],
  ["Hauptstraße 5, Berlin", "address", "Hauptstraße 5"],
  ["postcode SW1A 1AA", "address", "SW1A 1AA"],
  ["Beverly Hills, CA 90210", "address", "CA 90210"],
  // full name
  ["my name is John Smith", "name", "John Smith"],
  ["Hi, I'm Dave Jones", "name", "Dave Jones"],
  ["call me Sarah O'Neill", "name", "Sarah O'Neill"],
  ["his name is Liam McDonald", "name", "Liam McDonald"],
  ["my ex is called Anna Kowalski", "name", "Anna Kowalski"],
];

/** Ordinary things people say in a circle that must go through without a question. */
const LET_THROUGH: string[] = [
  "",
  "I've been sober for 365 days today",
  "we were married from 1999-2003",
  "2019 2020 2021 were the hardest years",
  "the hearing is on 05/03/2026 at 10:30",
  "it's set for 2026-03-05 19:00",
  "he owes me £1,250,000 apparently",
  "the house sold for 1 250 000",
  "I walked 5 miles down the road",
  "I have 2 more court dates",
  "it's a 2 hour drive to see my kids",
  "we are 3 very close brothers",
  "there's only 1 way through this",
  "I'm Not Sure what to say",
  "I'm John, nice to meet you all",
  "my son is called Sam",
  "we watched a film called Good Will Hunting",
  "a place called New York",
  "I was raped when I was 14 and I've never told anyone",
  "email is hard for me, I'd rather talk here",
  "call me when you can? no, I mean in the circle",
  "my phone broke and I lost 3 years of photos",
  "I'm 45 and have 2 kids aged 7 and 9",
  "A1 road was closed so I was late",
  "Room 101 on level 3",
];

describe("the personal-details guard", () => {
  it.each(CAUGHT)("asks before sending %j (%s)", (text, kind, match) => {
    const found = findPersonalDetails(text);
    expect(found.map((f) => f.kind)).toContain(kind);
    expect(found.find((f) => f.kind === kind)!.text).toBe(match);
  });

  it.each(LET_THROUGH)("lets %j through without asking", (text) => {
    expect(findPersonalDetails(text)).toEqual([]);
  });

  it("names everything it found in one question", () => {
    const found = findPersonalDetails("I'm Dave Jones, 07700 900123, dave@example.org");
    expect(found.map((f) => f.kind).sort()).toEqual(["email", "name", "phone"]);
    expect(describePersonalDetails(found)).toBe("an email address, a phone number and a full name");
  });
});
