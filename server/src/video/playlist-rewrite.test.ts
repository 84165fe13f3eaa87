import { describe, expect, it } from 'vitest';
import { looksLikePlaylist, rewritePlaylist } from './playlist-rewrite.js';

const relay = (target: URL) => `/relay?to=${encodeURIComponent(target.href)}`;
const back = (line: string) => decodeURIComponent(line.slice('/relay?to='.length));

describe('rewriting a playlist', () => {
  it('sends every URI of a master playlist through the relay, resolved against the playlist', () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="main",URI="audio/index.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS="avc1.4d401f",AUDIO="aud"',
      'video1_stream.m3u8',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="iframes.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=200000',
      'http://nvr:8888/cam1/low/stream.m3u8',
      '# a comment http://admin:pw@nvr/',
      '',
    ].join('\r\n');
    const result = rewritePlaylist(master, new URL('http://nvr:8888/cam1/index.m3u8'), relay);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.text.trim().split('\n');
    expect(lines).toHaveLength(8); // the comment is gone
    expect(lines[2]).toBe(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="main",URI="${relay(new URL('http://nvr:8888/cam1/audio/index.m3u8'))}"`);
    expect(back(lines[4]!)).toBe('http://nvr:8888/cam1/video1_stream.m3u8');
    expect(lines[5]).toContain(`URI="${relay(new URL('http://nvr:8888/cam1/iframes.m3u8'))}"`);
    expect(back(lines[7]!)).toBe('http://nvr:8888/cam1/low/stream.m3u8');
    expect(result.text).not.toContain('admin');
  });

  it('rewrites a media playlist: map, keys, segments relative and absolute', () => {
    const media = [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"',
      '#EXT-X-KEY:METHOD=AES-128,URI="https://keys.example/k?id=1",IV=0x1',
      '#EXT-X-DATERANGE:ID="ad",START-DATE="2026-01-01T00:00:00Z",X-ASSET-URI="http://x/"',
      '#EXTINF:1.000,',
      'seg1.mp4',
      '#EXT-X-PART:DURATION=0.2,URI="../cam1/part2.mp4"',
      '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part3.mp4"',
      '#EXTINF:1.000,',
      '/cam1/seg2.mp4?token=t',
      '#EXT-X-KEY:METHOD=AES-128,URI="data:text/plain;base64,AAAA"',
    ].join('\n');
    const result = rewritePlaylist(media, new URL('http://nvr:8888/cam1/video1_stream.m3u8'), relay);
    if (!result.ok) throw new Error(result.error);
    expect(result.text).toContain(`#EXT-X-MAP:URI="${relay(new URL('http://nvr:8888/cam1/init.mp4'))}",BYTERANGE="720@0"`);
    expect(result.text).toContain(`URI="${relay(new URL('https://keys.example/k?id=1'))}",IV=0x1`);
    expect(result.text).toContain('X-ASSET-URI="http://x/"'); // not a URI the player loads
    expect(result.text).toContain(`\n${relay(new URL('http://nvr:8888/cam1/seg1.mp4'))}\n`);
    expect(result.text).toContain(`\n${relay(new URL('http://nvr:8888/cam1/seg2.mp4?token=t'))}\n`);
    expect(result.text).toContain('URI="data:text/plain;base64,AAAA"');
  });

  it('strips low-latency HLS, so no client blocks on reload parameters the relay does not pass on', () => {
    const ll = [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-VERSION:9',
      '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=12.0,PART-HOLD-BACK=1.0',
      '#EXT-X-PART-INF:PART-TARGET=0.33334',
      '#EXT-X-MEDIA-SEQUENCE:266',
      '#EXTINF:2.000,',
      'seg266.mp4',
      '#EXT-X-PART:DURATION=0.33334,URI="part267.0.mp4",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.33334,URI="part267.1.mp4"',
      '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part267.2.mp4"',
      '#EXT-X-RENDITION-REPORT:URI="../low/stream.m3u8",LAST-MSN=266,LAST-PART=1',
    ].join('\n');
    const result = rewritePlaylist(ll, new URL('http://nvr:8888/cam1/stream.m3u8'), relay);
    if (!result.ok) throw new Error(result.error);
    expect(result.text.trim().split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-VERSION:9',
      '#EXT-X-MEDIA-SEQUENCE:266',
      '#EXTINF:2.000,',
      relay(new URL('http://nvr:8888/cam1/seg266.mp4')),
    ]);
  });

  it('refuses what is not a playlist, or lists an unusable URI', () => {
    expect(rewritePlaylist('<html>login</html>', new URL('http://nvr/a.m3u8'), relay)).toEqual({ ok: false, error: expect.stringContaining('#EXTM3U') });
    expect(rewritePlaylist('#EXTM3U\n#EXTINF:1,\nhttp://[broken/seg.ts\n', new URL('http://nvr/a.m3u8'), relay).ok).toBe(false);
    expect(rewritePlaylist('\uFEFF#EXTM3U\n#EXTINF:1,\nseg.ts\n', new URL('http://nvr/a.m3u8'), relay).ok).toBe(true);
  });

  it('recognises playlists by content type or path', () => {
    expect(looksLikePlaylist('application/vnd.apple.mpegurl', new URL('http://x/a'))).toBe(true);
    expect(looksLikePlaylist('audio/x-mpegURL; charset=utf-8', new URL('http://x/a'))).toBe(true);
    expect(looksLikePlaylist('text/plain', new URL('http://x/a/b.m3u8?x=1'))).toBe(true);
    expect(looksLikePlaylist('video/mp4', new URL('http://x/a/b.mp4'))).toBe(false);
  });
});
