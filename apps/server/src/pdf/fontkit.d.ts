/** The one call of fontkit (pdfkit's font engine) the PDFs use; fontkit ships no types. */
declare module "fontkit" {
  export function create(buffer: Uint8Array, postscriptName?: string): { layout: (...args: unknown[]) => unknown };
}
