// Module HomeostatAgents.
