-- Vesana schema, part 7: the tenant wiki (Markdown, full-text search), its chunks for vector
-- search, and the assistant's answer cache.

CREATE TABLE wiki_pages (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id           bigint NOT NULL REFERENCES tenants (id),
    slug                text NOT NULL,
    title               text NOT NULL,
    body_md             text NOT NULL DEFAULT '',
    -- 'simple' configuration: pages mix languages and product names; no stemming surprises.
    search              tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body_md)) STORED,
    author_user_id      bigint REFERENCES users (id) ON DELETE SET NULL,
    updated_by_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint NOT NULL DEFAULT 0,
    CONSTRAINT wiki_pages_tenant_id_id_key UNIQUE (tenant_id, id),
    CONSTRAINT wiki_pages_slug_key UNIQUE (tenant_id, slug),
    CONSTRAINT wiki_pages_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$'),
    CONSTRAINT wiki_pages_title_not_blank CHECK (btrim(title) <> '')
);
CREATE INDEX wiki_pages_search_idx ON wiki_pages USING gin (search);

-- Immutable snapshot of each saved version of a page (revision = the page's version then).
CREATE TABLE wiki_page_revisions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint NOT NULL REFERENCES tenants (id),
    page_id         bigint NOT NULL,
    revision        bigint NOT NULL,
    title           text NOT NULL,
    body_md         text NOT NULL,
    author_user_id  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wiki_page_revisions_page_fk FOREIGN KEY (tenant_id, page_id)
        REFERENCES wiki_pages (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT wiki_page_revisions_revision_key UNIQUE (tenant_id, page_id, revision)
);

-- Pieces of a page sized for embedding; rebuilt when the page changes.
CREATE TABLE wiki_chunks (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        bigint NOT NULL REFERENCES tenants (id),
    page_id          bigint NOT NULL,
    page_version     bigint NOT NULL,
    ordinal          integer NOT NULL,
    content          text NOT NULL,
    -- Model that produced the embedding; rows of another model are re-embedded, never compared.
    embedding_model  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wiki_chunks_page_fk FOREIGN KEY (tenant_id, page_id)
        REFERENCES wiki_pages (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT wiki_chunks_ordinal_key UNIQUE (tenant_id, page_id, ordinal),
    CONSTRAINT wiki_chunks_ordinal_check CHECK (ordinal >= 0)
);

-- embedding: vector(1536) with an HNSW index when pgvector is installable, else real[] (the
-- application then ranks in memory per tenant). 1536 = the default OpenAI-compatible embedding
-- size; a provider with another size needs a migration that changes the type and re-embeds.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        EXECUTE 'CREATE EXTENSION IF NOT EXISTS vector';
        EXECUTE 'ALTER TABLE wiki_chunks ADD COLUMN embedding vector(1536)';
        EXECUTE 'CREATE INDEX wiki_chunks_embedding_idx ON wiki_chunks '
                'USING hnsw (embedding vector_cosine_ops)';
    ELSE
        EXECUTE 'ALTER TABLE wiki_chunks ADD COLUMN embedding real[]';
    END IF;
END;
$$;

CREATE TABLE ai_answer_cache (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint NOT NULL REFERENCES tenants (id),
    -- SHA-256 of the normalised question (plus model and context scope), computed by the app.
    question_hash   bytea NOT NULL,
    question        text NOT NULL,
    answer          text NOT NULL,
    -- [{"kind": "wiki", "page_id": 3, "slug": "ups"}, {"kind": "web", "url": "..."}]
    citations       jsonb NOT NULL DEFAULT '[]',
    model           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Set when a wiki edit or new check results make the answer stale.
    invalidated_at  timestamptz,
    CONSTRAINT ai_answer_cache_question_key UNIQUE (tenant_id, question_hash),
    CONSTRAINT ai_answer_cache_question_hash_sha256 CHECK (octet_length(question_hash) = 32),
    CONSTRAINT ai_answer_cache_citations_array CHECK (jsonb_typeof(citations) = 'array')
);

-- Retention for the answer cache; returns rows deleted.
CREATE FUNCTION vesana_purge_ai_answer_cache_before(cutoff timestamptz) RETURNS bigint
    LANGUAGE sql AS $$
    WITH gone AS (
        DELETE FROM ai_answer_cache
         WHERE created_at < cutoff OR invalidated_at < cutoff
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
