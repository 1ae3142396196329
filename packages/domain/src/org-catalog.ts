// Response schemas of the organisation model; see org.ts for inputs.
export {};
