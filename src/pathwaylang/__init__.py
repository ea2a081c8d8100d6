"""pathwaylang: a language and compiler for integrated family-support pathways."""

__version__ = "0.1.0"
