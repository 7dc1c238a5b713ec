/*
 * fuzz_csv: the csv reader of kith import (src/io), on exactly the bytes
 * given; properties of its records in fuzz_import.h.
 */
#include "fuzz_import.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(data, size, io_parse_csv);
}
