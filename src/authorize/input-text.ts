/** A non-empty string member of an operation's input, else undefined. */
export function inputText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
