/**
 * The customer's tracking page for a claim, relative to the web origin. The token rides in the query
 * string so the link works from an email or an SMS; the page passes it on to the API.
 */
export function trackingPagePath(claimNumber: string, token: string): string {
  return `/track.html?${new URLSearchParams({ number: claimNumber, token }).toString()}`;
}
