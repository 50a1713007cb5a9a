"""questions (platform questions and groups of forecasts), crowd_points, question_links

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 21:30:00

Issue 16: forecasts grouped under one question each, and linked to resolved questions of
forecasting platforms with the crowd's probability over time.
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('questions',
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('resolution_criteria', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('vector', sa.LargeBinary(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions'))
    )
    op.create_index(op.f('ix_questions_source'), 'questions', ['source'], unique=False)
    op.create_index(op.f('ix_questions_closes_on'), 'questions', ['closes_on'], unique=False)
    op.create_table('crowd_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Text(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('probability', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_crowd_points_question_id_questions'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crowd_points'))
    )
    op.create_index(op.f('ix_crowd_points_question_id'), 'crowd_points', ['question_id'], unique=False)
    op.create_table('question_links',
    sa.Column('forecast_key', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('question_id', sa.Text(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('vector', sa.LargeBinary(), nullable=True),
    sa.Column('text_vector', sa.LargeBinary(), nullable=True),
    sa.Column('linked_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['forecast_key'], ['forecasts.key'], name=op.f('fk_question_links_forecast_key_forecasts'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_links_question_id_questions'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('forecast_key', 'kind', name=op.f('pk_question_links'))
    )
    op.create_index(op.f('ix_question_links_question_id'), 'question_links', ['question_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_question_links_question_id'), table_name='question_links')
    op.drop_table('question_links')
    op.drop_index(op.f('ix_crowd_points_question_id'), table_name='crowd_points')
    op.drop_table('crowd_points')
    op.drop_index(op.f('ix_questions_closes_on'), table_name='questions')
    op.drop_index(op.f('ix_questions_source'), table_name='questions')
    op.drop_table('questions')
