"""Font roles resolved to installed faces, at run time and only when first used."""

from __future__ import annotations

from pathlib import Path

from layout.errors import LayoutError
from layout.fonts.cache import RecordCache, default_cache_dir
from layout.fonts.errors import MissingGlyphError
from layout.fonts.face import Face, load_face
from layout.fonts.locate import FaceRef, locate
from layout.fonts.roles import (
    DEFAULT_CONFIG,
    FALLBACK_SEPARATOR,
    RoleSpec,
    base_role,
    face_role,
    load_roles,
)
from layout.fonts.subset import Subset, cached_subset, made_subset
from layout.parallel import in_parallel


class FontRegistry:
    """Role name -> Face. Roles sharing a font file and face share one loaded `Face`.

    A role name may carry the fallback that draws a character (`body/han-ext`, see
    roles.FALLBACK_SEPARATOR); it resolves to the fallback's face.
    """

    def __init__(
        self, roles: dict[str, RoleSpec], cache: RecordCache, config: Path = DEFAULT_CONFIG
    ) -> None:
        self._roles = roles
        self.cache = cache
        self.config = config
        self._refs: dict[str, FaceRef] = {}
        self._faces: dict[FaceRef, Face] = {}
        self._by_role: dict[str, Face] = {}  # the hot path: one dict lookup per glyph
        # each face's last subset and its glyphs: `layout watch` asks again after every save
        self._subsets: dict[FaceRef, tuple[set[int], Subset]] = {}

    @classmethod
    def load(cls, config: Path = DEFAULT_CONFIG, cache_dir: Path | None = None) -> FontRegistry:
        return cls(load_roles(config), RecordCache(cache_dir or default_cache_dir()), config)

    @property
    def roles(self) -> list[str]:
        return sorted(self._roles)

    def spec(self, role: str) -> RoleSpec:
        try:
            return self._roles[face_role(role)]
        except KeyError:
            raise LayoutError(
                f"unknown font role '{role}'",
                hint=f"fonts/fonts.yaml defines {', '.join(self.roles)}",
            ) from None

    def face(self, role: str) -> Face:
        face = self._by_role.get(role)
        if face is None:
            face = self._by_role[role] = self._load(face_role(role))
        return face

    def _ref(self, role: str) -> FaceRef:
        """Where the role's face is (located once; its file is not read)."""
        ref = self._refs.get(role)
        if ref is None:
            ref = self._refs[role] = locate(self.spec(role), self.cache)
        return ref

    def _load(self, role: str) -> Face:
        ref = self._ref(role)
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

    def draws(self, role: str, text: str) -> str:
        """The role that draws `text` (one character, or a cluster of one repeated mark):
        `role` itself when its face has every character, else `role/fallback` for the first
        face of its fallback chain that has them all.

        Raises MissingGlyphError naming every face tried when none has it. A fallback face is
        located only when a character needs it, so an installation without the fallback
        packages builds every text that does not.
        """
        face = self.face(role)
        if len(text) == 1:  # most: no generator
            if face.glyph(text) is not None:
                return role
        elif all(face.glyph(c) is not None for c in text):
            return role
        base = base_role(role)
        tried = [face.name]
        for fallback in self.spec(base).fallback:
            candidate = f"{base}{FALLBACK_SEPARATOR}{fallback}"
            other = self.face(candidate)
            if all(other.glyph(c) is not None for c in text):
                return candidate
            tried.append(other.name)
        raise MissingGlyphError(text, ", ".join(tried), base, chain=len(tried) > 1)

    def fingerprint_files(self) -> list[Path]:
        """What a composition depends on besides the text: the role table and every font file
        it may use (the role faces, located, and the fallback faces' configured files, which
        are not located until needed)."""
        fallbacks = {name for spec in self._roles.values() for name in spec.fallback}
        files = {self.config}
        for role, spec in self._roles.items():
            if role in fallbacks:
                files.update(path for path in spec.files if path.is_file())
            else:
                files.add(self._ref(role).path)  # located, not loaded: it may go unused
        return sorted(files)

    def subset_for(self, face: Face, gids: set[int]) -> Subset:
        """`face`'s font program cut down to `gids` (cached on disk: this takes seconds)."""
        return self.subsets_for([(face, gids)])[0]

    def subsets_for(self, wanted: list[tuple[Face, set[int]]]) -> list[Subset]:
        """subset_for of each (face, glyphs); when several subsets must be made (a first build
        on a machine), half of them are made on the other core."""
        found = [self._known_subset(face, gids) for face, gids in wanted]
        missing = [i for i, subset in enumerate(found) if subset is None]
        if len(missing) > 1:
            # the biggest first, each to the side with fewer glyphs so far
            sides: tuple[list[int], list[int]] = ([], [])
            load = [0, 0]
            for i in sorted(missing, key=lambda i: -len(wanted[i][1])):
                side = 0 if load[0] <= load[1] else 1
                sides[side].append(i)
                load[side] += len(wanted[i][1])
            mine, theirs = in_parallel(
                lambda: [made_subset(*wanted[i], self.cache) for i in sides[0]],
                lambda: [made_subset(*wanted[i], self.cache) for i in sides[1]],
            )
            for i, subset in zip([*sides[0], *sides[1]], mine + theirs, strict=True):
                found[i] = subset
        for i, (face, gids) in enumerate(wanted):
            if found[i] is None:
                found[i] = made_subset(face, gids, self.cache)
            self._subsets[face.ref] = (set(gids), found[i])
        return found  # type: ignore[return-value]

    def _known_subset(self, face: Face, gids: set[int]) -> Subset | None:
        last = self._subsets.get(face.ref)
        if last is not None and last[0] == gids:
            return last[1]
        return cached_subset(face, gids, self.cache)
