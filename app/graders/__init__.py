"""RFT graders: their JSON and rules (:mod:`.model`), templates checked against the data
(:mod:`.templates`), the multi-grader formula (:mod:`.formula`), trying one offline
(:mod:`.local`, :mod:`.similarity`) and the spread of rewards (:mod:`.preview`). Qt-free and
provider-free: the remote validate/run calls live in ``app.services``."""
