"""corrections table; forecasts.probability_basis (filled from the stored item) and forecasts.corrected

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 21:40:00

Readers correct forecasts (not a forecast; holder, probability, due date, question). Score cards
filter by where a probability came from, so it gets a column instead of a JSON lookup per row.
"""
import importlib.util
from pathlib import Path

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('forecast_key', sa.Text(), nullable=False),
        sa.Column('document_id', sa.String(length=64), nullable=True),
        sa.Column('span_start', sa.Integer(), nullable=True),
        sa.Column('span_end', sa.Integer(), nullable=True),
        sa.Column('not_forecast', sa.Boolean(), nullable=False),
        sa.Column('holder', sa.Text(), nullable=True),
        sa.Column('probability', sa.Float(), nullable=True),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('question', sa.Text(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('corrected_by', sa.Text(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections')))
    op.create_index(op.f('ix_corrections_forecast_key'), 'corrections', ['forecast_key'])
    op.create_index(op.f('ix_corrections_document_id'), 'corrections', ['document_id'])
    # A correction changes what pages show: it bumps the write counter of 0003 like the other tables.
    spec = importlib.util.spec_from_file_location("web_indexes", Path(__file__).with_name("0003_web_indexes.py"))
    web_indexes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(web_indexes)
    changed_by = web_indexes.changed_by
    for statement in changed_by('corrections', op.get_bind().dialect.name):
        op.execute(statement)
    # Plain ADD COLUMN (both databases do it in place): a batch copy of forecasts would trip on its views.
    op.add_column('forecasts', sa.Column('probability_basis', sa.Text(), nullable=True))
    op.add_column('forecasts', sa.Column('corrected', sa.JSON(), nullable=True))
    op.create_index(op.f('ix_forecasts_probability_basis'), 'forecasts', ['probability_basis'])
    basis = ("json_extract(data, '$.probability_basis')" if op.get_bind().dialect.name == "sqlite"
             else "(data::jsonb ->> 'probability_basis')")
    op.execute(f"UPDATE forecasts SET probability_basis = CASE WHEN origin = 'extracted' "
               f"THEN COALESCE({basis}, 'default') ELSE 'stated' END")


def downgrade() -> None:
    op.drop_index(op.f('ix_forecasts_probability_basis'), table_name='forecasts')
    op.execute("ALTER TABLE forecasts DROP COLUMN corrected")
    op.execute("ALTER TABLE forecasts DROP COLUMN probability_basis")
    op.drop_index(op.f('ix_corrections_document_id'), table_name='corrections')
    op.drop_index(op.f('ix_corrections_forecast_key'), table_name='corrections')
    op.drop_table('corrections')
