#!/usr/bin/env bash
# Pre-encodes the demo cameras' video into server/assets/demo-video/ (committed), so the demo
# serves live HLS with no ffmpeg at run time. Dev-only: run it again only to change the look.
#
# For each demo camera (ids and English names read from server/src/sim/demo-site.ts):
#   <id>/main/   640×360 H.264, fMP4: init.mp4, seg-NN.m4s, loop.m3u8 (ffmpeg's VOD playlist,
#                the loop's manifest, read by server/src/video/demo-assets.ts)
#   <id>/sub/    320×180, the same scene
#   <id>/snapshot.jpg
# Every camera has its own scene (a lavfi source), colour (a hue turn), a moving target, and
# its number and name burnt in, so an operator tells tiles apart at a glance. GOP = fps and
# 1 s segments, as a real camera should be set up; the server loops them at wall-clock time.
#
# Usage: scripts/make-demo-video.sh            (needs ffmpeg with libx264 and DejaVu fonts)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="$ROOT/server/src/sim/demo-site.ts"
OUT="$ROOT/server/assets/demo-video"
FONT="${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}"
FPS=15
LOOP_SECONDS=8
MAIN_RATE=90k
SUB_RATE=36k

command -v ffmpeg >/dev/null || { echo "ffmpeg not found" >&2; exit 1; }
[ -f "$FONT" ] || { echo "font not found: $FONT (set FONT=...)" >&2; exit 1; }

# device('cam-03', 'camera', '侧门摄像机', 'Side gate camera', …) → "cam-03|Side gate camera"
mapfile -t CAMERAS < <(sed -n "s/^ *device('\(cam-[0-9]*\)', 'camera', '[^']*', '\([^']*\)'.*/\1|\2/p" "$SITE")
[ "${#CAMERAS[@]}" -gt 0 ] || { echo "no cameras found in $SITE" >&2; exit 1; }

# A lavfi source at 640×360 per scene number; moving ones first, still patterns after.
scene() { # <scene number> <seed>
  local size="640x360" rate="$FPS" d="$LOOP_SECONDS" seed=$2
  case $(($1 % 11)) in
    0) echo "testsrc2=size=$size:rate=$rate:duration=$d" ;;
    1) echo "mandelbrot=size=$size:rate=$rate:start_scale=2.5:end_scale=0.6:maxiter=200,trim=duration=$d" ;;
    2) echo "life=size=160x90:rate=$rate:seed=$seed:mold=25:ratio=0.12:life_color=#f0e060:death_color=#203040:mold_color=#405080,trim=duration=$d,scale=640:360:flags=neighbor" ;;
    3) echo "cellauto=size=160x90:rate=$rate:seed=$seed:rule=110:random_fill_ratio=0.5,trim=duration=$d,scale=640:360:flags=neighbor,colorchannelmixer=rr=0.3:gg=0.8:bb=0.6" ;;
    4) echo "gradients=size=$size:rate=$rate:speed=0.03:nb_colors=3,trim=duration=$d" ;;
    5) echo "smptehdbars=size=$size:rate=$rate:duration=$d" ;;
    6) echo "sierpinski=size=$size:rate=$rate:seed=$seed:type=carpet:jump=1,trim=duration=$d,colorchannelmixer=rr=0.9:gg=0.55:bb=0.25" ;;
    7) echo "testsrc=size=$size:rate=$rate:duration=$d" ;;
    8) echo "pal75bars=size=$size:rate=$rate:duration=$d" ;;
    9) echo "rgbtestsrc=size=$size:rate=$rate:duration=$d" ;;
    10) echo "colorchart=rate=$rate:duration=$d:patch_size=80x80,scale=640:360,setsar=1" ;;
  esac
}

# Appends to OUTPUTS one H.264 fMP4 HLS output: <label> <bitrate> <dir>. GOP = fps, 1 s segments, no B-frames.
add_variant() {
  local label=$1 rate=$2 dir=$3
  OUTPUTS+=(-map "[$label]" -c:v libx264 -preset veryslow -profile:v main -pix_fmt yuv420p -bf 0
    -g "$FPS" -keyint_min "$FPS" -sc_threshold 0 -force_key_frames "expr:gte(t,n_forced)"
    -crf 28 -maxrate "$rate" -bufsize "$rate" -an -f hls -hls_time 1 -hls_playlist_type vod
    -hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$dir/seg-%02d.m4s"
    -hls_flags independent_segments "$dir/loop.m3u8")
}

rm -rf "$OUT"
mkdir -p "$OUT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for entry in "${CAMERAS[@]}"; do
  short="${entry%%|*}"             # cam-03
  name="${entry#*|}"               # Side gate camera
  id="demo-$short"
  n=$((10#${short#cam-}))
  hue=$(((n * 137) % 360))         # a colour per camera, far from its neighbours'
  printf 'CAM %02d' "$n" >"$work/label.txt"
  printf '%s' "$name" >"$work/name.txt"
  # The target sweeps once per loop, so the wrap shows no jump in it.
  graph="$(scene $((n - 1)) "$n"),format=yuv420p,hue=h=$hue,
drawbox=x='(iw-70)*(0.5+0.45*sin(2*PI*t/$LOOP_SECONDS))':y='ih*0.62+ih*0.12*cos(2*PI*t/$LOOP_SECONDS)':w=70:h=40:color=white@0.85:t=fill,
drawbox=x=0:y=0:w=iw:h=62:color=black@0.6:t=fill,
drawtext=fontfile=$FONT:textfile=$work/label.txt:x=14:y=8:fontsize=26:fontcolor=white,
drawtext=fontfile=$FONT:textfile=$work/name.txt:x=14:y=38:fontsize=18:fontcolor=white,
drawtext=fontfile=$FONT:text=DEMO:x=w-tw-14:y=12:fontsize=18:fontcolor=yellow,
split=3[main][sub0][still];[sub0]scale=320:180[sub]"
  mkdir -p "$OUT/$id/main" "$OUT/$id/sub"
  OUTPUTS=()
  add_variant main "$MAIN_RATE" "$OUT/$id/main"
  add_variant sub "$SUB_RATE" "$OUT/$id/sub"
  ffmpeg -hide_banner -loglevel error -y -filter_complex "$(tr -d '\n' <<<"$graph")" \
    "${OUTPUTS[@]}" -map "[still]" -ss 2 -frames:v 1 -q:v 9 "$OUT/$id/snapshot.jpg"
  printf '%s  %s (%s)\n' "$(du -sh "$OUT/$id" | cut -f1)" "$id" "$name"
done

echo "total: $(du -sb "$OUT" | cut -f1) bytes in $OUT"
