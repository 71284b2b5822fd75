/** One line of an incident's timeline, whatever it comes from, in the words the page shows. */
export type IncidentTimelineItem = {
  /** Unique within the timeline (`<source>:<id>`). */
  key: string;
  at: Date;
  kind:
    | "note"
    | "status"
    | "linked"
    | "kill_switch.engaged"
    | "kill_switch.released"
    | "agent.event"
    | "run.started"
    | "run.ended"
    | "decision"
    | "approval.requested"
    | "approval.decided";
  title: string;
  detail: string | null;
  /** Who did it, in words (an e-mail, `cli:…`, an agent's name). */
  actor: string | null;
  /** allow / deny / require_approval for decisions; an approval's state; a run's status. */
  outcome: string | null;
  /** A console page that shows the item. */
  href: string | null;
  refId: string | null;
};

export const byTime = (a: IncidentTimelineItem, b: IncidentTimelineItem) =>
  a.at.getTime() - b.at.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
