import type { Metadata } from "next";
import { RegisterAgentForm } from "@/components/agents/register-agent-form";

export const metadata: Metadata = { title: "Register an agent" };

export default function NewAgentPage() {
  return <RegisterAgentForm />;
}
