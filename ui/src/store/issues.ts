/** Problems with the pipeline: from live validation, or from a run the server refused. */
import { create } from "zustand";
import type { Issue } from "../api/types";

interface IssuesStore {
  issues: Issue[];
  setIssues: (issues: Issue[]) => void;
}

export const useIssues = create<IssuesStore>()((set) => ({
  issues: [],
  setIssues: (issues) => set({ issues }),
}));

export function issuesOf(issues: Issue[], nodeId: string): Issue[] {
  return issues.filter((issue) => issue.node === nodeId);
}
