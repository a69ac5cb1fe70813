// Module HomeostatExperiments.
