// Pipeline: the only module that knows the order of the stages; artifacts, resume, batch.
