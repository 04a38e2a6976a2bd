import { safeRelativePath } from '../source/safePath';

/** An href from a recording's file, checked to stay inside the recording (issue #10 §5). */
export const safeHref = (href: string): string | null => safeRelativePath(href);
