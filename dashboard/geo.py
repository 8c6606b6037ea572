"""The province map, drawn on the server from the shipped CBS/PDOK GeoJSON (trainingnet/data/provinces_2023.geojson).

Longitude/latitude are projected with a simple equirectangular projection: x = lon · cos(52°), y = −lat, which
keeps the Netherlands (around 52° north) in proportion. The SVG path of each province is computed once per process
and cached; the page only chooses colours.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

GEOJSON_PATH = Path(settings.PROJECT_DIR) / "data" / "provinces_2023.geojson"
X_SCALE = math.cos(math.radians(52))
WIDTH = 400.0  # the SVG's user units; the height follows from the shape of the country


@dataclass(frozen=True)
class ProvinceShape:
    code: str  # CBS code (PV20–PV31), joined with Province.cbs_code
    name: str
    path: str  # SVG path data in the map's coordinates


@dataclass(frozen=True)
class ProvinceMap:
    width: float
    height: float
    shapes: tuple[ProvinceShape, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise ValueError(f"unexpected geometry {geometry['type']}")


@lru_cache(maxsize=1)
def province_map() -> ProvinceMap:
    """All province shapes as SVG paths, fitted to WIDTH units wide (cached for the life of the process)."""
    features = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))["features"]
    rings_by_code = {f["properties"]["statcode"]: (f["properties"].get("statnaam", ""), _rings(f["geometry"]))
                     for f in features}
    xs = [lon * X_SCALE for _, rings in rings_by_code.values() for ring in rings for lon, _lat in ring]
    ys = [-lat for _, rings in rings_by_code.values() for ring in rings for _lon, lat in ring]
    min_x, min_y = min(xs), min(ys)
    scale = WIDTH / (max(xs) - min_x)
    height = round((max(ys) - min_y) * scale, 1)

    def point(lon: float, lat: float) -> str:
        return f"{(lon * X_SCALE - min_x) * scale:.1f},{(-lat - min_y) * scale:.1f}"

    shapes = []
    for code in sorted(rings_by_code):
        name, rings = rings_by_code[code]
        path = " ".join("M" + " L".join(point(lon, lat) for lon, lat in ring) + " Z" for ring in rings)
        shapes.append(ProvinceShape(code=code, name=name, path=path))
    return ProvinceMap(width=WIDTH, height=height, shapes=tuple(shapes))
