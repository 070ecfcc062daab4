"""Studies: experiments on the pipeline's models, each a command that writes under docs/.

    python3 -m train.studies.ablate NAME...        # paired ablation runs (docs/model/ablations/)
    bash train/studies/ablations.sh [NAME...]      # train and evaluate train.config.ABLATIONS
    python3 -m train.studies.sampling_study        # sampling variants of one model (speckle)
    python3 -m train.studies.eval_shift            # the 128 px pair: trained vs sampled shift

A study imports only public names of the pipeline (train.data, train.eval, train.sample, ...);
no pipeline module imports a study (train/tests/test_layout.py checks both).
"""
