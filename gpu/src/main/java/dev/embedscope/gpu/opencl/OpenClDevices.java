package dev.embedscope.gpu.opencl;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Finds the OpenCL platforms and devices (through JOCL) and describes them. */
public final class OpenClDevices {

    /** One device with what a user wants to know about it. */
    public record Device(cl_platform_id platform, cl_device_id id, String platformName, String name, String vendor,
                         int computeUnits, long globalMemory, long localMemory,
                         long maxAllocation, long maxWorkGroupSize,
                         String version, boolean gpu, String extensions) {

        /**
         * Whether the FFT repulsion's kernels build here: 64-bit integer atomics (its fixed-point spreading); with
         * double precision they compute in double ({@link #fp64()}), else in float.
         */
        public boolean int64Atomics() {
            return hasExtension("cl_khr_int64_base_atomics");
        }

        /** Whether the device computes in double precision (cl_khr_fp64). */
        public boolean fp64() {
            return hasExtension("cl_khr_fp64");
        }

        private boolean hasExtension(String name) {
            for (String e : extensions.split("\\s+")) {
                if (e.equals(name)) {
                    return true;
                }
            }
            return false;
        }

        public String describe() {
            return String.format(Locale.ROOT,
                    "%s (%s, platform %s): %d compute units, %,d MB global (at most %,d MB in one"
                    + " buffer), %,d KB local memory, %s; FFT repulsion %s", name, vendor, platformName, computeUnits,
                    globalMemory >> 20, maxAllocation >> 20, localMemory >> 10, version, !int64Atomics()
                            ? "unavailable (no 64-bit integer atomics)" : fp64() ? "in double precision"
                                    : "in single precision (no cl_khr_fp64)");
        }
    }

    private OpenClDevices() {
    }

    /** Every device of every platform; empty (not an error) when OpenCL or its ICD loader is missing. */
    public static List<Device> list() {
        List<Device> out = new ArrayList<>();
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            for (cl_platform_id platform : platforms) {
                int[] dc = new int[1];
                try {
                    clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, dc);
                } catch (CLException e) {
                    continue; // a platform without devices
                }
                cl_device_id[] devices = new cl_device_id[dc[0]];
                clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
                String platformName = platformString(platform, CL_PLATFORM_NAME);
                for (cl_device_id d : devices) {
                    long type = deviceLong(d, CL_DEVICE_TYPE);
                    out.add(new Device(platform, d, platformName, deviceString(d, CL_DEVICE_NAME),
                            deviceString(d, CL_DEVICE_VENDOR),
                            (int) deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS), deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE),
                            deviceLong(d, CL_DEVICE_LOCAL_MEM_SIZE), deviceLong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                            deviceLong(d, CL_DEVICE_MAX_WORK_GROUP_SIZE), deviceString(d, CL_DEVICE_VERSION),
                            (type & CL_DEVICE_TYPE_GPU) != 0, deviceString(d, CL_DEVICE_EXTENSIONS)));
                }
            }
        } catch (CLException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return out;
        }
        return out;
    }

    /** Why no device is there, for messages. */
    public static String whyNone() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            return count[0] == 0 ? "no OpenCL platform is installed (on a machine without a GPU: "
                    + "apt-get install pocl-opencl-icd)"
                    : "the OpenCL platforms report no device";
        } catch (CLException e) {
            return "no OpenCL platform answered (" + e.getMessage()
                    + "; install a GPU driver's OpenCL ICD or pocl-opencl-icd)";
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "the OpenCL library could not be loaded (" + e.getMessage() + "; install ocl-icd-libopencl1)";
        }
    }

    /** The first GPU, else the first device, or null. */
    public static Device best() {
        List<Device> all = list();
        for (Device d : all) {
            if (d.gpu()) {
                return d;
            }
        }
        return all.isEmpty() ? null : all.get(0);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1)).trim();
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1)).trim();
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(d, param, Sizeof.cl_int, Pointer.to(v), null);
        return v[0];
    }
}
