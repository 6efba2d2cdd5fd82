package org.gallery.imaging;

class JavaEngineTest extends ImagingEngineContractTest {

    @Override
    protected ImagingEngine newEngine() {
        return new JavaEngine();
    }
}
