-- +goose Up
-- The population grid says where its rows came from, like every other imported table.
ALTER TABLE population_grid ADD COLUMN source text NOT NULL DEFAULT 'file';

-- +goose Down
ALTER TABLE population_grid DROP COLUMN source;
