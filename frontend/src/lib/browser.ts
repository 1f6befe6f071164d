/** Full-page navigation to another origin (e.g. a shop host); isolated so tests can stub it. */
export function redirectTo(url: string): void {
  window.location.assign(url)
}
