/**
 * Rewrites every URI of an HLS playlist (master or media) so the browser loads it through the
 * relay: variant and rendition playlists, `#EXT-X-MAP`, `#EXT-X-KEY`/`SESSION-KEY` and the
 * segments. Relative URIs resolve against the playlist's own URL (RFC 8216 §4.1). Plain
 * comments are dropped: they could name the camera.
 *
 * Low-latency HLS is stripped (`EXT-X-SERVER-CONTROL`, `-PART-INF`, `-PART`, `-PRELOAD-HINT`,
 * `-RENDITION-REPORT`): the relayed playlist is a plain live playlist. Passing `_HLS_msn`/
 * `_HLS_part`/`_HLS_skip` upstream instead was the other way, and the worse one here: a blocking
 * reload holds the request for up to three target durations, past the relay's per-request
 * upstream timeout; each blocked request holds an upstream connection per tile; delta playlists
 * (`_HLS_skip`) would need their skipped segments' refs; and Vigil's tiles run hls.js with
 * `lowLatencyMode: false` (client/src/video/hlsConfig.ts). Advertising `CAN-BLOCK-RELOAD=YES`
 * while dropping the parameters was the bug: a client that blocks (Safari's native player) got
 * the current playlist at once, again and again, and reloaded in a tight loop.
 */

export type PlaylistResult = { ok: true; text: string } | { ok: false; error: string };

/** `URI="…"` as a whole attribute, not the tail of another name such as `X-ASSET-URI`. */
const URI_ATTRIBUTE = /(^|[:,])URI="([^"]*)"/g;

/** The tags of LL-HLS (RFC 8216bis §4.4.3.7–4.4.5.3); a relayed playlist is a plain one. */
const LOW_LATENCY_TAG = /^#EXT-X-(SERVER-CONTROL|PART-INF|PART|PRELOAD-HINT|RENDITION-REPORT)(:|$)/;

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
      if (LOW_LATENCY_TAG.test(line)) continue;
      if (line.startsWith('#EXT')) out.push(line.replace(URI_ATTRIBUTE, (_all, lead: string, uri: string) => `${lead}URI="${rewrite(uri)}"`));
      else if (!line.startsWith('#')) out.push(rewrite(line));
    }
  } catch {
    return { ok: false, error: 'lists a URI that is not a valid URL' };
  }
  return { ok: true, text: `${out.join('\n')}\n` };
}
