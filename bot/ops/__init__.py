"""What an operator sees from outside: health, readiness and metrics over HTTP."""
