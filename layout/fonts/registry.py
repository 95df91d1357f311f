"""Font roles resolved to installed faces, at run time and only when first used."""

from __future__ import annotations

from pathlib import Path

from layout.errors import LayoutError
from layout.fonts.cache import RecordCache, default_cache_dir
from layout.fonts.errors import MissingGlyphError
from layout.fonts.face import Face, load_face
from layout.fonts.locate import FaceRef, locate
from layout.fonts.roles import DEFAULT_CONFIG, RoleSpec, load_roles
from layout.fonts.subset import Subset, subset_face


class FontRegistry:
    """Role name -> Face. Roles sharing a font file and face share one loaded `Face`."""

    def __init__(self, roles: dict[str, RoleSpec], cache: RecordCache) -> None:
        self._roles = roles
        self.cache = cache
        self._refs: dict[str, FaceRef] = {}
        self._faces: dict[FaceRef, Face] = {}
        self._by_role: dict[str, Face] = {}  # the hot path: one dict lookup per glyph

    @classmethod
    def load(cls, config: Path = DEFAULT_CONFIG, cache_dir: Path | None = None) -> FontRegistry:
        return cls(load_roles(config), RecordCache(cache_dir or default_cache_dir()))

    @property
    def roles(self) -> list[str]:
        return sorted(self._roles)

    def spec(self, role: str) -> RoleSpec:
        try:
            return self._roles[role]
        except KeyError:
            raise LayoutError(
                f"unknown font role '{role}'",
                hint=f"fonts/fonts.yaml defines {', '.join(self.roles)}",
            ) from None

    def face(self, role: str) -> Face:
        face = self._by_role.get(role)
        if face is None:
            face = self._by_role[role] = self._load(role)
        return face

    def _load(self, role: str) -> Face:
        ref = self._refs.get(role)
        if ref is None:
            ref = self._refs[role] = locate(self.spec(role), self.cache)
        face = self._faces.get(ref)
        if face is None:
            face = self._faces[ref] = load_face(ref, self.cache)
        return face

    def glyph(self, role: str, char: str) -> int:
        """Glyph id of a single character in the role's face; MissingGlyphError when absent."""
        face = self.face(role)
        gid = face.glyph(char)
        if gid is None:
            raise MissingGlyphError(char, face.name, role)
        return gid

    def subset_for(self, face: Face, gids: set[int]) -> Subset:
        """`face`'s font program cut down to `gids` (cached on disk: this takes seconds)."""
        return subset_face(face, gids, self.cache)
