import type { DbOrTx } from "../../db";
import { notFound } from "../errors";
import { computeDriftMetrics, type MetricResult } from "./drift-metrics";
import { readDriftSettings, type DriftSettings } from "./drift-settings";
import { driftWindows, type DriftWindows } from "./drift-windows";
import { loadDriftFigures, type DriftFigures } from "./load-drift-figures";

export type AgentDrift = {
  agent: { id: string; name: string; autonomy: number; ownerId: string; status: string };
  settings: DriftSettings;
  windows: DriftWindows;
  metrics: MetricResult[];
  figures: DriftFigures;
};

/**
 * The drift report of one agent of the org. `override` lets a reader try other windows than
 * the agent's saved ones without changing them.
 */
export async function getAgentDrift(
  db: DbOrTx,
  orgId: string,
  agentId: string,
  override: Partial<Pick<DriftSettings, "baselineDays" | "currentHours">> = {},
  now = new Date(),
): Promise<AgentDrift> {
  const agent = await db.agent.findFirst({
    where: { id: agentId, orgId },
    select: { id: true, name: true, autonomy: true, ownerId: true, status: true, driftSettings: true },
  });
  if (!agent) throw notFound("This agent");
  const saved = readDriftSettings(agent.driftSettings);
  const settings = { ...saved, ...override };
  const windows = driftWindows(settings, now);
  const figures = await loadDriftFigures(db, agent.id, windows);
  const metrics = computeDriftMetrics(figures.baseline, figures.current, figures.newResources, settings);
  const { driftSettings: _stored, ...summary } = agent;
  return { agent: summary, settings, windows, metrics, figures };
}
