-- Review of edfi5, finding M2: an SIS could redefine or delete any assessment (the district admin's, another school's)
-- while no result named it. The client that created a resource is recorded; an SIS changes or deletes only the
-- assessments its client created (a district administrator any). Rows stored before: the last writer stands in for the
-- creator (the best this version knows).
alter table edfi_resource add column created_by text;
update edfi_resource set created_by = changed_by where resource = 'assessments';
