-- A change decided on what was read just before it (a claim) is sent as one statement of
-- data-modifying CTEs; its main query calls this with whether every guarded part changed what it
-- expected. When one did not, the data changed since the read: the statement fails with LC409
-- and none of it stays (the caller reads again, or takes the locking path).
CREATE FUNCTION "assert_as_read"(ok boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION 'changed since it was read' USING ERRCODE = 'LC409';
  END IF;
  RETURN true;
END
$$;
