-- A second protocol's tables, to show protocols migrate independently (DatabaseTest).
CREATE TABLE sample_item (name VARCHAR(40) PRIMARY KEY);
