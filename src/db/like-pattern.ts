/** A LIKE pattern for text containing the words as said: the wildcards they hold (% _ \) are escaped. */
export function containing(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
