/**
 * Rewrites every URI of an HLS playlist (master or media) so the browser loads it through the
 * relay: variant and rendition playlists, `#EXT-X-MAP`, `#EXT-X-KEY`/`SESSION-KEY`, LL-HLS
 * parts, preload hints and rendition reports, and the segments. Relative URIs resolve against
 * the playlist's own URL (RFC 8216 §4.1). Plain comments are dropped: they could name the camera.
 */

export type PlaylistResult = { ok: true; text: string } | { ok: false; error: string };

/** `URI="…"` as a whole attribute, not the tail of another name such as `X-ASSET-URI`. */
const URI_ATTRIBUTE = /(^|[:,])URI="([^"]*)"/g;

/** Playlists are text starting with `#EXTM3U` (an optional BOM before it). */
export function isPlaylistText(text: string): boolean {
  return text.replace(/^\uFEFF/, '').startsWith('#EXTM3U');
}

/** Whether an upstream answer is a playlist, by its content type or, failing that, its path. */
export function looksLikePlaylist(contentType: string | null, url: URL): boolean {
  if (contentType && /mpegurl/i.test(contentType)) return true;
  return /\.m3u8?$/i.test(url.pathname);
}

export function rewritePlaylist(text: string, base: URL, toRelay: (target: URL) => string): PlaylistResult {
  if (!isPlaylistText(text)) return { ok: false, error: 'is not an HLS playlist (no #EXTM3U)' };
  const rewrite = (uri: string): string => {
    if (uri.startsWith('data:')) return uri;
    return toRelay(new URL(uri, base));
  };
  const out: string[] = [];
  try {
    for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '') continue;
      if (line.startsWith('#EXT')) out.push(line.replace(URI_ATTRIBUTE, (_all, lead: string, uri: string) => `${lead}URI="${rewrite(uri)}"`));
      else if (!line.startsWith('#')) out.push(rewrite(line));
    }
  } catch {
    return { ok: false, error: 'lists a URI that is not a valid URL' };
  }
  return { ok: true, text: `${out.join('\n')}\n` };
}
