-- +goose Up
-- The data health check's findings (geo/health) of each compute run, written in the same
-- transaction as the run's coverage: a run's findings replace the previous run's.
CREATE TABLE findings (
    run_id       bigint           NOT NULL REFERENCES compute_runs (id) ON DELETE CASCADE,
    seq          integer          NOT NULL, -- the finding's place in the check's sorted list
    code         text             NOT NULL,
    severity     text             NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    subject_kind text             NOT NULL,
    subject_id   text             NOT NULL DEFAULT '',
    subject_name text             NOT NULL DEFAULT '',
    figure       double precision,
    unit         text             NOT NULL DEFAULT '',
    count        integer          NOT NULL DEFAULT 0,
    message_zh   text             NOT NULL,
    message_en   text             NOT NULL,
    PRIMARY KEY (run_id, seq)
);
COMMENT ON TABLE findings IS 'Data health findings (数据体检) of a compute run: code, severity, subject, the figure the severity was decided on, messages in Chinese and English.';

-- +goose Down
DROP TABLE findings;
