/** The public page where a lead reads and answers a quote; the token is the only key to it. */
export function quotePageUrl(baseUrl: string, publicToken: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/q/${publicToken}`;
}
