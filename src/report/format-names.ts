/**
 * The names of the report formats, apart from their renderers so that the command line can list
 * them without loading every renderer. The table in `formats.ts` must have exactly these rows;
 * the compiler checks it.
 */
export const FORMAT_NAMES = ['json', 'csv', 'cues', 'md', 'html', 'pdf', 'pdf-letter'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
