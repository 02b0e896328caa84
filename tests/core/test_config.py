import pytest

from maml_gui.core.config import ConfigError, RunConfig, default_config


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("inner_lr", 0.0, "inner_lr = 0.0 is not allowed: a number from 1e-06 to 10"),
        ("meta_batch_size", 0, "meta_batch_size = 0 is not allowed: an integer from 1 to 512"),
        ("meta_lr", float("nan"), "meta_lr = nan"),
        ("task", "mnist", "one of toy1d, toy2d, sinusoid, omniglot"),
        ("k_shot", 2.5, "an integer"),
    ],
)
def test_validation_names_field_value_and_range(field, value, fragment):
    with pytest.raises(ConfigError) as info:
        RunConfig(**{field: value}).validate()
    assert fragment in str(info.value)
    assert info.value.field == field


def test_anil_on_a_toy_says_why():
    with pytest.raises(ConfigError, match="no feature extractor"):
        RunConfig(task="toy1d", algorithm="anil").validate()


def test_json_round_trip_and_unknown_fields():
    config = default_config("toy2d", "reptile")
    assert RunConfig.from_json(config.to_json()) == config
    with pytest.raises(ConfigError, match="not a RunConfig field"):
        RunConfig.from_dict({**config.to_dict(), "inner_rl": 0.1})
    with pytest.raises(ConfigError, match="valid JSON"):
        RunConfig.from_json("{not json")
