#!/usr/bin/env python3
# Log-log plot of wall time against N from bench/e2e.sh figures, as a standalone SVG (no plotting
# library needed), with the least-squares slope and an N log N reference through the first point.
#   bench/plot-scaling.py bench/scaling.svg 70000:96.6 250000:400 1000000:1800
import math, sys

out = sys.argv[1]
pts = sorted((float(a), float(b)) for a, b in (p.split(":") for p in sys.argv[2:]))
xs = [math.log10(n) for n, _ in pts]
ys = [math.log10(t) for _, t in pts]
mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
W, H, L, R, T, B = 680, 420, 70, 60, 40, 50
x0, x1 = math.floor(min(xs) * 2) / 2, math.ceil(max(xs) * 2) / 2
y0, y1 = math.floor(min(ys) * 2) / 2, math.ceil(max(ys) * 2) / 2 + 0.5
sx = lambda x: L + (x - x0) / (x1 - x0) * (W - L - R)
sy = lambda y: H - B - (y - y0) / (y1 - y0) * (H - T - B)
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="22" text-anchor="middle" font-size="14">embedscope t-SNE, wall time against N '
       f'(log-log; slope {slope:.2f})</text>']
for e in [x0 + 0.5 * i for i in range(int((x1 - x0) / 0.5) + 1)]:
    svg.append(f'<line x1="{sx(e):.1f}" y1="{T}" x2="{sx(e):.1f}" y2="{H-B}" stroke="#ddd"/>')
    svg.append(f'<text x="{sx(e):.1f}" y="{H-B+16}" text-anchor="middle">{10**e:,.0f}</text>')
for e in [y0 + 0.5 * i for i in range(int((y1 - y0) / 0.5) + 1)]:
    svg.append(f'<line x1="{L}" y1="{sy(e):.1f}" x2="{W-R}" y2="{sy(e):.1f}" stroke="#ddd"/>')
    svg.append(f'<text x="{L-6}" y="{sy(e)+4:.1f}" text-anchor="end">{10**e:,.0f} s</text>')
svg.append(f'<text x="{W/2}" y="{H-12}" text-anchor="middle">points N</text>')
n0, t0 = pts[0]
ref = [(math.log10(n), math.log10(t0 * n * math.log(n) / (n0 * math.log(n0))))
       for n in [10 ** (x0 + (x1 - x0) * i / 40) for i in range(41)]]
svg.append('<polyline fill="none" stroke="#999" stroke-dasharray="5,4" points="'
           + " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in ref if y0 <= y <= y1) + '"/>')
svg.append('<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="'
           + " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in zip(xs, ys)) + '"/>')
for (n, t), x, y in zip(pts, xs, ys):
    svg.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="4" fill="#1f77b4"/>')
    svg.append(f'<text x="{sx(x)+8:.1f}" y="{sy(y)-8:.1f}">{t:,.0f} s</text>')
svg.append(f'<text x="{L+10}" y="{T+16}" fill="#1f77b4">measured</text>')
svg.append(f'<text x="{L+10}" y="{T+32}" fill="#777">N log N through the first point</text>')
svg.append('</svg>')
open(out, "w").write("\n".join(svg) + "\n")
print(f"slope {slope:.3f}")
