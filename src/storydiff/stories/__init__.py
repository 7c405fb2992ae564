"""A corpus into stories: article profiles, and incremental grouping over time windows."""

from storydiff.stories.grouping import StoryEvent, StoryGrouper, pair_probability
from storydiff.stories.profile import StoryProfile, name_key, profiles_of

__all__ = ["StoryEvent", "StoryGrouper", "StoryProfile", "name_key", "pair_probability", "profiles_of"]
