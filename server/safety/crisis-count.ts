/**
 * How many chat messages the crisis assist flagged in this process, and how many support requests
 * it relayed: counts only, never who or what. Read by tests and operators (log lines carry the count).
 */
const counts = { chatFlags: 0, supportRequests: 0 };

export function countCrisisFlag(): number {
  return ++counts.chatFlags;
}

export function countSupportRequest(): number {
  return ++counts.supportRequests;
}

export function crisisCounts(): Readonly<typeof counts> {
  return { ...counts };
}
