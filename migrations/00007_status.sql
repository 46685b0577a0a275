-- +goose Up
-- Every station and outlet says whether a planner vouches for it: 'confirmed' (from a
-- planner's file, an illustrative or derived layer, or confirmed by hand) or 'candidate'
-- (found in OpenStreetMap, awaiting review). Candidate stations count in no answer unless
-- the computation includes candidates. Where a row came from is source (file, osm,
-- scenario, illustrative, derived) and batch_id (the import_batches row that stored it).
-- A row stored without a status gets the one its source implies: 'candidate' for osm,
-- 'confirmed' for everything else.
ALTER TABLE stations ADD COLUMN status text;
UPDATE stations SET status = CASE WHEN source = 'osm' THEN 'candidate' ELSE 'confirmed' END;
ALTER TABLE stations ALTER COLUMN status SET NOT NULL,
    ADD CONSTRAINT stations_status_check CHECK (status IN ('confirmed', 'candidate'));
CREATE INDEX stations_batch_idx ON stations (batch_id);

ALTER TABLE outlets ADD COLUMN status text;
UPDATE outlets SET status = CASE WHEN source = 'osm' THEN 'candidate' ELSE 'confirmed' END;
ALTER TABLE outlets ALTER COLUMN status SET NOT NULL,
    ADD CONSTRAINT outlets_status_check CHECK (status IN ('confirmed', 'candidate'));
CREATE INDEX outlets_batch_idx ON outlets (batch_id);

-- +goose StatementBegin
CREATE FUNCTION status_by_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS NULL THEN
        NEW.status := CASE WHEN NEW.source = 'osm' THEN 'candidate' ELSE 'confirmed' END;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER stations_status_default BEFORE INSERT OR UPDATE ON stations
    FOR EACH ROW EXECUTE FUNCTION status_by_source();
CREATE TRIGGER outlets_status_default BEFORE INSERT OR UPDATE ON outlets
    FOR EACH ROW EXECUTE FUNCTION status_by_source();
COMMENT ON COLUMN stations.status IS 'confirmed: counts in coverage; candidate: found in OpenStreetMap, counts only when computing with candidates.';
COMMENT ON COLUMN outlets.status IS 'confirmed or candidate (found in OpenStreetMap); outlets count whatever their status.';

-- +goose Down
DROP TRIGGER outlets_status_default ON outlets;
DROP TRIGGER stations_status_default ON stations;
DROP FUNCTION status_by_source();
DROP INDEX outlets_batch_idx, stations_batch_idx;
ALTER TABLE outlets DROP COLUMN status;
ALTER TABLE stations DROP COLUMN status;
