"""A corpus into stories: article profiles, and incremental grouping over time windows."""

from storydiff.stories.grouping import StoryEvent, StoryGrouper, pair_features, pair_probability, term_cosine
from storydiff.stories.profile import StoryProfile, name_key, profiles_of, terms_of

__all__ = [
    "StoryEvent",
    "StoryGrouper",
    "StoryProfile",
    "name_key",
    "pair_features",
    "pair_probability",
    "profiles_of",
    "term_cosine",
    "terms_of",
]
