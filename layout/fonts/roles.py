"""Font roles as configured in fonts/fonts.yaml.

A role (body, heading, kai, ...) names one face. A role may also name a fallback chain (from
the file's `fallback-chains:` table): faces tried in order for a character the role's own face
lacks, so that a rare character is printed from a declared font instead of stopping the
build. The faces of a chain are roles themselves (`han-ext`, `math`, ...), located and loaded
only when some character needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node

from layout.errors import LayoutError, LayoutErrors, Location
from layout.manifest.files import read_text
from layout.manifest.nodes import Reader, compose_yaml

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "fonts" / "fonts.yaml"
_ROLE_KEYS = ("family", "style", "files", "package", "same-as", "fallback")

#: Joins a role and the fallback role that draws a character for it: `body/han-ext` is a
#: character of body text set in the `han-ext` face. Glyphs carry such names, so the memo, the
#: renderer and the warnings all know both the role asked for and the face used.
FALLBACK_SEPARATOR = "/"


@dataclass(frozen=True)
class RoleSpec:
    """What a role asks for: a face (family + style) and where it is usually installed."""

    role: str
    family: str
    style: str
    files: tuple[Path, ...]
    package: str  # the Debian package that provides it, for the error message
    where: Location  # the role's place in fonts.yaml
    fallback: tuple[str, ...] = ()  # roles tried in order for characters this face lacks

    @property
    def display_name(self) -> str:
        return f"{self.family} {self.style}"


def base_role(role: str) -> str:
    """The role a glyph was asked for in: `body` for `body/han-ext` (and for `body`)."""
    return role.partition(FALLBACK_SEPARATOR)[0]


def face_role(role: str) -> str:
    """The role whose face draws the glyph: `han-ext` for `body/han-ext`, `body` for `body`."""
    return role.rpartition(FALLBACK_SEPARATOR)[2]


def load_roles(path: Path = DEFAULT_CONFIG) -> dict[str, RoleSpec]:
    """Read the role table; `same-as` roles share the spec (and so the face) of their target."""
    reader = Reader(path)
    root = compose_yaml(path, read_text(path))
    top = reader.fields("fonts.yaml", root, ("roles", "fallback-chains")) if root else None
    roles = top.get("roles") if top else None
    if not isinstance(roles, MappingNode) or not roles.value:
        raise LayoutError("no `roles:` table", Location(path, 1, 1))
    chains = _chains(reader, top.get("fallback-chains") if top else None)
    specs: dict[str, RoleSpec] = {}
    aliases: dict[str, tuple[str, Location]] = {}
    for key_node, value_node in roles.value:
        role = str(key_node.value)
        where = reader.at(key_node)
        fields = reader.fields(f"font role '{role}'", value_node, _ROLE_KEYS)
        if fields is None:
            continue
        target = fields.text("same-as")
        if target:
            aliases[role] = (target, fields.where("same-as"))
            continue
        if FALLBACK_SEPARATOR in role:
            reader.fail(f"a font role's name may not contain '{FALLBACK_SEPARATOR}'", key_node)
        for key in ("family", "style"):
            if fields.get(key) is None:
                reader.fail(f"font role '{role}' needs {key}", key_node, f"add {key}: ...")
        files = fields.get("files")
        paths = reader.lines("files", files) if files is not None else ()
        chain_name = fields.text("fallback")
        chain: tuple[str, ...] = ()
        if chain_name:
            chain = chains.get(chain_name, ())
            if chain_name not in chains:
                reader.fail(
                    f"font role '{role}': no fallback chain '{chain_name}'",
                    fields.get("fallback") or key_node,
                    f"fallback-chains defines {', '.join(sorted(chains)) or 'none'}",
                )
        specs[role] = RoleSpec(
            role=role,
            family=fields.text("family") or "",
            style=fields.text("style") or "",
            files=tuple(Path(f) for f in paths),
            package=fields.text("package") or "",
            where=where,
            fallback=chain,
        )
    if reader.errors:
        raise LayoutErrors(reader.errors)
    for role, (target, where) in aliases.items():
        if target not in specs:
            raise LayoutError(
                f"font role '{role}' is the same as '{target}', which is not a font role", where
            )
        specs[role] = specs[target]
    _check_chains(specs, chains, path)
    return specs


def _chains(reader: Reader, node: Node | None) -> dict[str, tuple[str, ...]]:
    """The `fallback-chains:` table: chain name -> role names, in the order they are tried."""
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        reader.fail("fallback-chains must be a table of named lists of font roles", node)
        return {}
    return {str(key.value): reader.lines(f"chain {key.value}", value) for key, value in node.value}


def _check_chains(specs: dict[str, RoleSpec], chains: dict[str, tuple[str, ...]], path: Path):
    """Every role a chain names exists, and no chain falls back on a role with a chain of its
    own (a fallback face is the last word for its characters: no chains of chains)."""
    for spec in specs.values():
        for name in spec.fallback:
            target = specs.get(name)
            if target is None:
                raise LayoutError(
                    f"fallback chain of font role '{spec.role}' names '{name}', which is not a "
                    "font role",
                    spec.where,
                    f"define '{name}' under roles: in {path.name}",
                )
            if target.fallback:
                raise LayoutError(
                    f"font role '{name}' is in a fallback chain but has a fallback of its own",
                    target.where,
                    "remove its `fallback:`",
                )
