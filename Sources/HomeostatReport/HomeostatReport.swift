// Module HomeostatReport.
