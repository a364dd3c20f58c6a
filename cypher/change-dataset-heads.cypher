// The dataset heads a commit's LOADs move: each dataset's last LOAD, its file's version
// (null: the file is gone) and its change's number.
UNWIND $heads AS h
MERGE (d:DatasetHead {dataset: h.dataset})
SET d.version = h.version, d.seq = h.seq
