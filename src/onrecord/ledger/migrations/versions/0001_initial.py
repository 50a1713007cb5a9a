"""documents, analyses, items, forecasts, resolutions; views current_resolutions, due_forecasts, forecast_scores

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 13:23:27.016168
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# Plain SQL that SQLite and PostgreSQL both read. "Current" resolution: the one no later one supersedes.
VIEWS = {
    "current_resolutions": """
        SELECT r.* FROM resolutions r
        WHERE NOT EXISTS (SELECT 1 FROM resolutions s WHERE s.supersedes_id = r.id)""",
    "due_forecasts": """
        SELECT f.key, f.holder, f.outlet, f.proposition, f.question, f.probability, f.made_on, f.due_on,
               f.document_id, f.text
        FROM forecasts f
        WHERE NOT f.retired AND f.due_on IS NOT NULL AND f.due_on <= CURRENT_DATE
          AND NOT EXISTS (SELECT 1 FROM current_resolutions r WHERE r.forecast_key = f.key)
        ORDER BY f.due_on, f.key""",
    "forecast_scores": """
        SELECT f.holder, COUNT(*) AS forecasts, COUNT(r.id) AS resolved,
               SUM(CASE WHEN r.outcome IN ('yes', 'no') THEN 1 ELSE 0 END) AS scored,
               AVG(CASE WHEN r.outcome = 'yes' THEN (1.0 - f.probability) * (1.0 - f.probability)
                        WHEN r.outcome = 'no' THEN f.probability * f.probability END) AS brier
        FROM forecasts f LEFT JOIN current_resolutions r ON r.forecast_key = f.key
        WHERE NOT f.retired
        GROUP BY f.holder""",
}


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=True),
    sa.Column('country', sa.Text(), nullable=True),
    sa.Column('sector', sa.Text(), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors'))
    )
    op.create_table('documents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('authors', sa.JSON(), nullable=False),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('language', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_author'), ['author'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_outlet'), ['outlet'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_published'), ['published'], unique=False)

    op.create_table('ingest_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('failed_at', sa.DateTime(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('document_id', sa.String(length=64), nullable=True),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_failures'))
    )
    op.create_table('analyses',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('pipeline_version', sa.String(length=100), nullable=False),
    sa.Column('analyzed_at', sa.DateTime(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_analyses_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_analyses'))
    )
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analyses_pipeline_version'), ['pipeline_version'], unique=False)

    op.create_table('causal_links',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('cause', sa.Text(), nullable=True),
    sa.Column('effect', sa.Text(), nullable=True),
    sa.Column('polarity', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('actors', sa.JSON(), nullable=False),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_causal_links_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_causal_links'))
    )
    with op.batch_alter_table('causal_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_causal_links_document_id'), ['document_id'], unique=False)

    op.create_table('claims',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.Text(), nullable=True),
    sa.Column('checkworthiness', sa.Float(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('actors', sa.JSON(), nullable=False),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_claims_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_document_id'), ['document_id'], unique=False)

    op.create_table('events',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.Text(), nullable=True),
    sa.Column('polarity', sa.Text(), nullable=True),
    sa.Column('modality', sa.Text(), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('actors', sa.JSON(), nullable=False),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_events_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('forecasts',
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=True),
    sa.Column('item_id', sa.Text(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('holder', sa.Text(), nullable=False),
    sa.Column('holder_id', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('proposition', sa.Text(), nullable=False),
    sa.Column('question', sa.Text(), nullable=True),
    sa.Column('probability', sa.Float(), nullable=False),
    sa.Column('probability_source', sa.Text(), nullable=True),
    sa.Column('made_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('horizon_text', sa.Text(), nullable=True),
    sa.Column('horizon_open', sa.Boolean(), nullable=False),
    sa.Column('subjects', sa.JSON(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_forecasts_document_id_documents'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_forecasts'))
    )
    with op.batch_alter_table('forecasts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forecasts_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forecasts_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_forecasts_holder'), ['holder'], unique=False)
        batch_op.create_index(batch_op.f('ix_forecasts_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_forecasts_outlet'), ['outlet'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('actor_id', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_mentions_actor_id_actors')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_document_id'), ['document_id'], unique=False)

    op.create_table('quotes',
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('speaker', sa.Text(), nullable=True),
    sa.Column('kind', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('actors', sa.JSON(), nullable=False),
    sa.Column('rule', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_quotes_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_document_id'), ['document_id'], unique=False)

    op.create_table('times',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=64), nullable=False),
    sa.Column('item_id', sa.Text(), nullable=False),
    sa.Column('type', sa.Text(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_times_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_times'))
    )
    with op.batch_alter_table('times', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_times_document_id'), ['document_id'], unique=False)

    op.create_table('resolutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forecast_key', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('resolved_by', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['forecast_key'], ['forecasts.key'], name=op.f('fk_resolutions_forecast_key_forecasts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['resolutions.id'], name=op.f('fk_resolutions_supersedes_id_resolutions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolutions'))
    )
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolutions_forecast_key'), ['forecast_key'], unique=False)

    for name, select in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {select}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW {name}")
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolutions_forecast_key'))

    op.drop_table('resolutions')
    with op.batch_alter_table('times', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_times_document_id'))

    op.drop_table('times')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_document_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_document_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_actor_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('forecasts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forecasts_outlet'))
        batch_op.drop_index(batch_op.f('ix_forecasts_origin'))
        batch_op.drop_index(batch_op.f('ix_forecasts_holder'))
        batch_op.drop_index(batch_op.f('ix_forecasts_due_on'))
        batch_op.drop_index(batch_op.f('ix_forecasts_document_id'))

    op.drop_table('forecasts')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_document_id'))

    op.drop_table('events')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_document_id'))

    op.drop_table('claims')
    with op.batch_alter_table('causal_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_causal_links_document_id'))

    op.drop_table('causal_links')
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analyses_pipeline_version'))

    op.drop_table('analyses')
    op.drop_table('ingest_failures')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_published'))
        batch_op.drop_index(batch_op.f('ix_documents_outlet'))
        batch_op.drop_index(batch_op.f('ix_documents_author'))

    op.drop_table('documents')
    op.drop_table('actors')
