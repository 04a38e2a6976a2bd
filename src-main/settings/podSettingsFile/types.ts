/** The public result types of parsePodSettings. */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };
export interface PodAssignment {
  name: string;
  value: PyValue;
  line: number;
}
export interface SkippedStatement {
  name: string | null;
  line: number;
  reason: string;
}
export interface ParsedPodSettings {
  assignments: PodAssignment[];
  skipped: SkippedStatement[];
}
