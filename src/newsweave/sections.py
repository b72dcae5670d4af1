"""The settings records: one typed, frozen record per section of `defaults.toml`.

Each record gives its section's values their types and nothing else: the values, and what
each one trades, are in defaults.toml alone; `newsweave.config` reads the file into these
records and checks it against them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """[cluster] of defaults.toml: grouping into stories (what each value trades: there)."""

    join_threshold: float
    min_shared_words: int
    consolidate: bool
    consolidate_every: int
    settled_at: float
    look_candidates: int
    stored_candidates: int
    regroup_growth: float
    merge_threshold: float
    merge_sample: int
    title_weight: float
    lead_chars: int
    body_chars: int
    name_chars: int
    use_embeddings: bool
    idf_power: float
    min_documents: int
    vector_terms: int
    story_terms: int
    query_terms: int
    index_terms: int
    posting_stories: int
    max_candidates: int
    # The logistic model's weights over grouping.match.FEATURES (`w_` + feature name).
    w_intercept: float
    w_body: float
    w_lead: float
    w_names: float
    w_numbers: float
    w_number_conflict: float
    w_name_conflict: float
    w_days: float
    w_names_covered: float
    w_numbers_covered: float
    w_lead_covered: float
    w_size: float
    w_years: float
    w_year_conflict: float
    w_story_names_found: float
    w_story_lead_found: float
    # The same model with the lead-embedding features (`use_embeddings`).
    embedded_join_threshold: float
    ew_intercept: float
    ew_body: float
    ew_lead: float
    ew_names: float
    ew_numbers: float
    ew_number_conflict: float
    ew_name_conflict: float
    ew_days: float
    ew_names_covered: float
    ew_numbers_covered: float
    ew_lead_covered: float
    ew_size: float
    ew_years: float
    ew_year_conflict: float
    ew_story_names_found: float
    ew_story_lead_found: float
    ew_lead_embedding: float
    ew_lead_embedding_max: float


@dataclass(frozen=True, slots=True)
class FramingSettings:
    """[framing] of defaults.toml: outlet wording (what each value trades: there)."""

    distinctive_terms: int
    min_term_count: int
    prior_weight: float


@dataclass(frozen=True, slots=True)
class CleanSettings:
    """[clean] of defaults.toml: boilerplate removal (what each value trades: there)."""

    headline_max_words: int
    section_label_max_words: int
    title_similarity: float
    app_line_max_words: int
    boilerplate_line_max_words: int


@dataclass(frozen=True, slots=True)
class SummarizeSettings:
    """[summarize] of defaults.toml: cited summaries (what each value trades: there)."""

    method: str
    min_words: int
    max_words: int
    filters: bool
    concept_min_df: int
    concept_min_share: float
    fact_weight: float
    length_exponent: float
    position_weight: float
    centrality_weight: float
    support_weight: float
    recency_weight: float
    redundancy: float
    solver: str
    prior_weight: float
    ilp_nodes: int
    trim_datelines: bool
    match: float
    lead_first: bool
    lead_window: int
    lead_date_weight: float
    lead_recency_weight: float
    lead_position_weight: float
    lead_slack: float
    resolve_dates: bool
    trim_lead: bool


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """[dedup] of defaults.toml: reposts and rewrites (what each value trades: there)."""

    num_perm: int
    seed: int
    shingle_size: int
    shingle_threshold: float
    anchor_threshold: float
    min_words: int
    near_copy_containment: float
    sentence_similarity: float
    name_agreement: float
    skeleton_similarity: float
    spin_coverage: float
    spin_size_ratio: float
    plausible_containment: float
    spin_anchor_jaccard: float


@dataclass(frozen=True, slots=True)
class AgreementSettings:
    """[agreement] of defaults.toml: facts, exclusives, conflicts (what each trades: there)."""

    mode: str
    verbs: str
    embedding_align_threshold: float
    lexical_align_threshold: float
    embedding_conflict_threshold: float
    lexical_conflict_threshold: float
    number_context_words: int
    generic_context_words: int
    number_conflict_max_ratio: float
    same_wording_overlap: float
    exclusive_min_words: int
    embedding_part_threshold: float
    lexical_part_threshold: float
    max_exclusives_per_outlet: int
    exclusives_shown: int
    quote_run_words: int
    statement_min_words: int
    anchor_bonus: float
    baseline_tfidf_threshold: float


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """[ingest] of defaults.toml: input limits and HTML extraction (what each trades: there)."""

    max_file_bytes: int
    max_record_bytes: int
    max_line_bytes: int
    max_decompressed_bytes: int
    max_gzip_ratio: int
    max_html_bytes: int
    max_html_depth: int
    max_sentences: int
    max_text_chars: int
    html_favor: str
    html_min_sentence_words: int
    html_min_words_without_prose: int


@dataclass(frozen=True, slots=True)
class EntitiesSettings:
    """[entities] of defaults.toml: which entity labels a story keeps (why: there)."""

    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuotesSettings:
    """[quotes] of defaults.toml: quotations and speakers (what each value trades: there)."""

    min_words_alone: int
    min_words_continued: int
    max_sentences_back: int
    variant_similarity: float
    cited_source_speaks: bool


@dataclass(frozen=True, slots=True)
class TimelineSettings:
    """[timeline] of defaults.toml: dates and events (what each value trades: there)."""

    default_direction: str
    tense_override_days: int
    tense_tagger: str
    same_event_similarity: float
    same_event_min_shared: int
    same_day_min_shared: int
    conflict_similarity: float


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """[store] of defaults.toml: the SQLite store's batches (what each value trades: there)."""

    article_batch: int
    brief_batch: int
    brief_words: int
    lock_wait: float


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """[server] of defaults.toml: the web app's pages and request limits (see there)."""

    page_size: int
    search_limit: int
    max_query_chars: int
    max_body_bytes: int
    max_url_bytes: int
    header_timeout_seconds: float
    max_connections: int
    max_requests: int


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """[watch] of defaults.toml: how `newsweave watch` fetches feeds (what each trades: there)."""

    every: str
    timeout_seconds: float
    retries: int
    retry_backoff_seconds: float
    host_delay_seconds: float
    blurb_words: int


@dataclass(frozen=True, slots=True)
class BriefSettings:
    """[brief] of defaults.toml: full or fast briefs (what each trades: there)."""

    mode: str
    cache_entries: int
    cache_dir: str


Section = (
    ClusterSettings
    | FramingSettings
    | CleanSettings
    | SummarizeSettings
    | DedupSettings
    | AgreementSettings
    | IngestSettings
    | EntitiesSettings
    | QuotesSettings
    | TimelineSettings
    | StoreSettings
    | ServerSettings
    | BriefSettings
    | WatchSettings
)

SECTIONS: dict[str, type[Section]] = {
    "cluster": ClusterSettings,
    "framing": FramingSettings,
    "clean": CleanSettings,
    "summarize": SummarizeSettings,
    "dedup": DedupSettings,
    "agreement": AgreementSettings,
    "ingest": IngestSettings,
    "entities": EntitiesSettings,
    "quotes": QuotesSettings,
    "timeline": TimelineSettings,
    "store": StoreSettings,
    "server": ServerSettings,
    "brief": BriefSettings,
    "watch": WatchSettings,
}
