"""Everything rendering needs that is read once at start-up: profiles and lexicons."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from personalize.core.profiles import Profile, default_profile, load_profiles
from personalize.langtag import primary
from personalize.rewriter.lexicon import Lexicon, empty_lexicon, load_lexicon


@dataclass(frozen=True)
class Catalog:
    """Profiles by name and lexicons by language, loaded and validated together."""

    profiles: dict
    lexicons: dict
    # language -> the files its lexicon was loaded from, for adding the site's entries
    lexicon_files: dict = field(default_factory=dict, repr=False)

    @property
    def audiences(self) -> frozenset[str]:
        """Every audience mark some profile takes in: the marks answers may use."""
        return frozenset(a for p in self.profiles.values() for a in p.audiences)

    @property
    def default(self) -> Profile:
        """The profile for readers who have not chosen."""
        return default_profile(self.profiles)

    def lexicon(self, language: str) -> Lexicon:
        """The lexicon for a language; an empty one where none is written yet."""
        return self.lexicons.get(primary(language)) or empty_lexicon(language)

    def versions(self) -> dict:
        """Versions of every profile and lexicon, for cache keys and staleness checks."""
        return {"profiles": {n: p.version for n, p in self.profiles.items()},
                "lexicons": {n: lex.version for n, lex in self.lexicons.items()}}


def load_catalog(profiles_dir: str | Path) -> Catalog:
    """Load profiles/*.toml and profiles/lexicon/*.toml; a broken file raises ConfigError."""
    profiles_dir = Path(profiles_dir)
    profiles = load_profiles(profiles_dir)
    folder = profiles_dir / "lexicon"
    lexicons, files = {}, {}
    for main in sorted(p for p in folder.glob("*.toml") if "-" not in p.stem):
        files[main.stem] = (main, *sorted(folder.glob(f"{main.stem}-*.toml")))
        lexicons[main.stem] = load_lexicon(*files[main.stem])
    return Catalog(profiles, lexicons, files)
