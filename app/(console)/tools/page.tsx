import type { Metadata } from "next";
import { ToolCatalog } from "@/components/tools/tool-catalog";

export const metadata: Metadata = { title: "Tool catalog" };

export default function ToolsPage() {
  return <ToolCatalog />;
}
